"""`make drills`: every fault drill, one after the other; exit 1 if any failed.

make drills
make drills DRILL_ARGS="redis_down disk_full"     # some of them
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DRILLS = ["redis_down", "postgres_restart", "worker_killed", "disk_full"]

if __name__ == "__main__":
    chosen = sys.argv[1:] or DRILLS
    failed = [
        name
        for name in chosen
        if subprocess.run([sys.executable, str(HERE / f"{name}.py")]).returncode != 0
    ]
    print(f"\nDrills failed: {', '.join(failed)}" if failed else "\nEvery drill passed.")
    sys.exit(1 if failed else 0)
