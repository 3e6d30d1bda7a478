"""Runs a command and prints its wall time in ms and its peak resident memory in KB (from the
OS, via getrusage of the children), as JSON. Used by bench/run.mjs."""
import json, resource, subprocess, sys, time

start = time.perf_counter()
completed = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
elapsed = (time.perf_counter() - start) * 1000
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KB on Linux
print(json.dumps({"ms": elapsed, "rssKB": peak, "exitCode": completed.returncode, "stderr": completed.stderr.decode("utf-8", "replace")[-2000:]}))
