"""`make run`: Django's development server and the background-task worker, together.

    python scripts/run.py [ADDRESS]      # ADDRESS defaults to 127.0.0.1:8000

The worker (`manage.py db_worker --backend background`) runs the site's background tasks,
such as reply e-mails (printed to the console unless EMAIL_URL says otherwise). It runs in
a process group of its own, so Ctrl-C reaches only the server (which stays in the
terminal's group: its autoreloader and a `breakpoint()` work as usual) and this script;
whenever the server exits, the worker's group is stopped: SIGTERM, and SIGKILL for whatever
is left after 10 s. SIGTERM to this script stops the server first, then the worker.
"""

import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANAGE = [sys.executable, "manage.py"]


def stop_group(process, timeout=10):
    """Stop ``process`` and everything in its process group (the autoreloader's child)."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=timeout)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def main():
    address = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:8000"
    worker = subprocess.Popen(
        [*MANAGE, "db_worker", "--backend", "background"],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        process_group=0,
    )
    print(f"[run] background-task worker started (pid {worker.pid})", flush=True)
    try:
        server = subprocess.Popen([*MANAGE, "runserver", address], cwd=ROOT)
        # Ctrl-C: the terminal sends SIGINT to the server itself; wait for it to finish.
        signal.signal(signal.SIGINT, lambda *_: None)
        signal.signal(signal.SIGTERM, lambda *_: server.terminate())
        returncode = server.wait()
    finally:
        stop_group(worker)
        print("[run] background-task worker stopped", flush=True)
    sys.exit(returncode if returncode >= 0 else 128 - returncode)  # killed by a signal


if __name__ == "__main__":
    main()
