#!/usr/bin/env python3
# CPU per request by thread group of a running server around one wrk run (docs/benchmarks/chart.md, "What is left").
# Usage: bench/cpu-by-thread.py <server pid> wrk -t2 -c64 -d20s --latency [-H "Cookie: ..."] URL
# Prints reads/s, p99 and, in us per request: request threads (exec), audit indexer (idx), GC, JIT and other
# threads, user (_u) and system (_s), then the whole machine from /proc/stat (wrk included).
import os,sys,subprocess,re,collections
pid=sys.argv[1]
def snap():
    d=collections.Counter()
    for t in os.listdir(f'/proc/{pid}/task'):
        try:
            name=open(f'/proc/{pid}/task/{t}/comm').read().strip()
            st=open(f'/proc/{pid}/task/{t}/stat').read()
        except OSError: continue  # the thread ended between listing and reading
        f=st[st.rindex(')')+2:].split()
        g='exec' if name.startswith('https') else ('idx' if 'indexer' in name else ('gc' if 'GC' in name or 'G1' in name else ('jit' if 'Compiler' in name else 'other')))
        d[g+'_u']+=int(f[11]); d[g+'_s']+=int(f[12])
    cpu=open('/proc/stat').readline().split()[1:]
    d['sys_user']=int(cpu[0])+int(cpu[1]); d['sys_sys']=int(cpu[2]); d['sys_idle']=int(cpu[3]); d['sys_irq']=int(cpu[5])+int(cpu[6])
    return d
a=snap(); out=subprocess.run(sys.argv[2:],capture_output=True,text=True).stdout; b=snap()
n=int([l for l in out.splitlines() if 'requests in' in l][0].split()[0])
rps=[l for l in out.splitlines() if 'Requests/sec' in l][0].split()[1]
p99=[l for l in out.splitlines() if l.strip().startswith('99%')]
k=1e4/n
print(f"{rps} r/s p99 {p99[0].split()[1] if p99 else '?'}", ' '.join(f"{x}={(b[x]-a[x])*k:.0f}" for x in ['exec_u','exec_s','idx_u','idx_s','gc_u','jit_u','other_u','other_s','sys_user','sys_sys','sys_irq','sys_idle']), flush=True)
