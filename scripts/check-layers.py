#!/usr/bin/env python3
"""Check that src/ is layered: dependencies point down, and no file cycles.

    python3 scripts/check-layers.py --layers "base model ... app" [--obj DIR]

The layers are named lowest first (LAYERS in the Makefile). A file in src/L/
may include "M/x.h" only when M is L or a layer before L. With --obj (the
build's object folder, build/obj), the same rule is checked on the symbols
the objects use, which also catches a call through the public header, and
the files must not call each other in a cycle. Exit 1 with one line per
problem.
"""
import argparse
import os
import re
import subprocess
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')


def check_includes(layers, rank, problems):
    n = 0
    for layer in sorted(os.listdir('src')):
        d = os.path.join('src', layer)
        if not os.path.isdir(d):
            continue
        if layer not in rank:
            problems.append(f'{d}: folder is not a layer (LAYERS in the Makefile)')
            continue
        for name in sorted(os.listdir(d)):
            if not name.endswith(('.c', '.h')):
                continue
            path = os.path.join(d, name)
            n += 1
            with open(path, encoding='utf-8') as f:
                for lineno, line in enumerate(f, 1):
                    m = INCLUDE.match(line)
                    if not m or m.group(1) == 'hindsight.h':
                        continue
                    inc = m.group(1)
                    target = inc.split('/')[0] if '/' in inc else None
                    if target is None:
                        problems.append(f'{path}:{lineno}: include "{inc}" names '
                                        f'no layer (write "LAYER/{inc}")')
                    elif target not in rank or not os.path.isfile('src/' + inc):
                        problems.append(f'{path}:{lineno}: include "{inc}": '
                                        'no such header in src/')
                    elif rank[target] > rank[layer]:
                        problems.append(f'{path}:{lineno}: layer \'{layer}\' '
                                        f'includes "{inc}" of the higher '
                                        f'layer \'{target}\'')
    return n


def nm(path):
    out = subprocess.run(['nm', path], capture_output=True, text=True,
                         check=True).stdout
    defined, used = set(), set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] == 'U':
            used.add(parts[1])
        elif len(parts) == 3 and parts[1] in 'TDBRC':
            defined.add(parts[2])
    return defined, used


def check_symbols(obj, rank, problems):
    defs, uses = {}, {}
    for layer in rank:
        d = os.path.join(obj, layer)
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            if name.endswith('.o'):
                f = f'{layer}/{name[:-2]}'
                dset, uset = nm(os.path.join(d, name))
                uses[f] = uset
                for sym in dset:
                    defs[sym] = f
    edges = {f: set() for f in uses}
    for f, uset in uses.items():
        for sym in sorted(uset):
            g = defs.get(sym)
            if g is None or g == f:
                continue
            edges[f].add(g)
            lf, lg = f.split('/')[0], g.split('/')[0]
            if rank[lg] > rank[lf]:
                problems.append(f'src/{f}.c uses {sym} of src/{g}.c, a '
                                f'higher layer (\'{lg}\' above \'{lf}\')')
    # cycles between files: Tarjan's strongly connected components
    index, low, stack, on, sccs = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                sccs.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(edges):
        if v not in index:
            visit(v)
    for comp in sccs:
        problems.append('files call each other in a cycle: ' +
                        ', '.join(f'src/{c}.c' for c in comp))
    return len(uses)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--layers', required=True)
    ap.add_argument('--obj')
    a = ap.parse_args()
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
    layers = a.layers.split()
    rank = {l: i for i, l in enumerate(layers)}
    problems = []
    n = check_includes(layers, rank, problems)
    what = f'{n} files, includes'
    if a.obj:
        m = check_symbols(a.obj, rank, problems)
        what += f'; {m} objects, symbols and no cycles'
    for p in problems:
        print(p)
    if problems:
        print('check-layers: the layers, lowest first: ' + ' '.join(layers))
        return 1
    print(f'check-layers: {what}: {" < ".join(layers)}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
