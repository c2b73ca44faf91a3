"""tests/engine/programs.py - what the engine's program generators share: the command line
OUTDIR FIRST_SEED COUNT, and one program a seed written to OUTDIR/<prefix><seed>.js."""
import random
import sys


def write_programs(prefix, make):
    """Writes the programs the command line asks for, each make(random.Random(seed))."""
    outdir, first, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    for seed in range(first, first + count):
        with open("%s/%s%d.js" % (outdir, prefix, seed), "w", encoding="ascii") as f:
            f.write(make(random.Random(seed)))
