"""Rescore benches/results/judge_counted/judge.json with gated judges (see README.md there)."""
import collections
import json
from pathlib import Path

import numpy as np

d = json.loads((Path(__file__).parent / 'judge.json').read_text())
recs=d['decisions']
def clear(r):
    s=(abs(r['real_new'])+abs(r['real_old']))/2; return abs(r['real_diff'])>max(0.02*s,1e-9)
def score(call):
    out=collections.defaultdict(lambda:[0,0,0.0])
    for r in recs:
        c=call(r); e=r['env']
        for k in (e,'all','all-but-hopper' if e!='Hopper-v5' else None):
            if k is None: continue
            if clear(r):
                out[k][1]+=1; out[k][0]+= (c==(r['real_diff']>0))
            out[k][2]+= max(0,-r['real_diff']) if c else max(0,r['real_diff'])
    return out
def gate(t, key='counted_1_full'):
    def call(r):
        det=r['detail'][key]; rn,ro=np.mean(det['new']),np.mean(det['old'])
        im=r['imagined_50_new']>=r['imagined_50_old']
        scale=(abs(rn)+abs(ro))/2+1e-9
        if abs(rn-ro)>t*scale: return rn>ro
        return im
    return call
def gate_model(t, key='counted_1_full'):
    # real decides where the imagined return of either policy misses its real counted return by > t of scale
    def call(r):
        det=r['detail'][key]; rn,ro=np.mean(det['new']),np.mean(det['old'])
        inn,io=r['imagined_50_new'],r['imagined_50_old']
        scale=(abs(rn)+abs(ro))/2+1e-9
        im=inn>=io
        miss=max(abs(inn-rn),abs(io-ro))
        if miss>t*scale and rn!=ro: return rn>ro
        return im
    return call
rows=[('imagined',lambda r:r['calls']['imagined_50_mean']),('real_5',lambda r:r['calls']['real_5']),('c1',lambda r:r['calls']['counted_1_full'])]
for t in (0.1,0.2,0.3,0.5,1.0): rows.append((f'gate{t}',gate(t)))
for t in (0.2,0.3,0.5,1.0): rows.append((f'model{t}',gate_model(t)))
envs=['all','all-but-hopper','Hopper-v5','Acrobot-v1','MountainCar-v0','CartPole-v1','Pendulum-v1','InvertedPendulum-v5','InvertedDoublePendulum-v5','Reacher-v5']
print('judge'.ljust(12),' '.join(e[:10].rjust(14) for e in envs))
for name,f in rows:
    s=score(f); print(name.ljust(12),' '.join(f"{s[e][0]}/{s[e][1]},{s[e][2]:.0f}".rjust(14) for e in envs))
