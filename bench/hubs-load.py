#!/usr/bin/env python3
"""Load from enrolled hubs over mutual TLS: one thread and one kept-alive TLS connection per hub,
each posting batches of readings to POST /api/v1/hub/observations for a duration. Checks every
answer (200 and every reading accepted) and prints readings/s and batch latency percentiles.
Usage: hubs-load.py HUB_URL CACERT HUBS_DIR DURATION_S BATCH_SIZE
HUBS_DIR holds one sub-directory per hub with hub.crt, hub.key and hub.id (bench/hubs-bench.sh)."""
import http.client, json, os, ssl, sys, threading, time, datetime, urllib.parse

url, cacert, hubs_dir, duration, batch_size = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), int(sys.argv[5])
target = urllib.parse.urlparse(url)
codes = [("8867-4", 72), ("59408-5", 97), ("8310-5", 36.8), ("29463-7", 81.4)]
latencies, failures, lock = [], [], threading.Lock()
RUN = f"{os.getpid()}{int(time.time())}"  # reading ids differ between runs (warm-up, measurement)
accepted_total = [0]
start_at = [0.0]
stop_at = [0.0]

def hub_worker(path):
    hub_id = open(os.path.join(path, "hub.id")).read().strip()
    ctx = ssl.create_default_context(cafile=cacert)
    ctx.load_cert_chain(os.path.join(path, "hub.crt"), os.path.join(path, "hub.key"))
    conn = http.client.HTTPSConnection(target.hostname, target.port, context=ctx, timeout=60)
    seq, mine, accepted = 0, [], 0
    while time.time() < start_at[0]:
        time.sleep(0.01)
    while time.time() < stop_at[0]:
        now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
        readings = []
        for i in range(batch_size):
            code, value = codes[i % len(codes)]
            seq += 1
            readings.append({"id": f"{hub_id[:8]}-{RUN}-{seq}", "code": code,
                             "time": (now - datetime.timedelta(seconds=i)).isoformat().replace("+00:00", "Z"), "value": value})
        body = json.dumps({"uplink": {"mode": "CELLULAR", "id": "310-260"}, "readings": readings})
        t0 = time.perf_counter()
        try:
            conn.request("POST", "/api/v1/hub/observations", body, {"Content-Type": "application/json"})
            resp = conn.getresponse()
            answer = resp.read()
        except Exception as e:  # noqa: BLE001 - counted as a failure
            with lock:
                failures.append(repr(e))
            conn.close()
            conn = http.client.HTTPSConnection(target.hostname, target.port, context=ctx, timeout=60)
            continue
        mine.append(time.perf_counter() - t0)
        if resp.status != 200 or json.loads(answer).get("accepted") != batch_size:
            with lock:
                failures.append(f"{resp.status} {answer[:200]!r}")
        else:
            accepted += batch_size
    with lock:
        latencies.extend(mine)
        accepted_total[0] += accepted

dirs = sorted(os.path.join(hubs_dir, d) for d in os.listdir(hubs_dir))
threads = [threading.Thread(target=hub_worker, args=(d,)) for d in dirs]
start_at[0] = time.time() + 2
stop_at[0] = start_at[0] + duration
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = duration
lat = sorted(latencies)
def pct(p):
    return lat[min(len(lat) - 1, int(p / 100 * len(lat)))] * 1000 if lat else float("nan")
print(f"hubs: {len(dirs)}, batch size: {batch_size}, duration: {duration:.0f} s")
print(f"batches: {len(lat)}, readings accepted: {accepted_total[0]}, failures: {len(failures)}")
print(f"readings/s: {accepted_total[0] / elapsed:.0f}")
print(f"batch latency ms: p50 {pct(50):.1f}, p90 {pct(90):.1f}, p99 {pct(99):.1f}, max {pct(100):.1f}")
for f in failures[:5]:
    print("failure:", f)
print(f"BATCHES={len(lat)} ACCEPTED={accepted_total[0]} FAILURES={len(failures)}")
