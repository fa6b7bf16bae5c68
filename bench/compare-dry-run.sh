#!/usr/bin/env bash
# Compares the file lists of upstream's run-tests.py --dry-run and mpunit's dry run
# (mpunit list-tests: micropython.dry-run=true, micropython.console=list) on the same tests/ tree and target, file by
# file, and prints the figures: files each side, the files whose word (found / skip) differs, the
# files only one side lists and, for those, mpunit's skip reasons.
#
#   bench/compare-dry-run.sh <micropython>/tests [path/to/micropython.mjs]
#   bench/compare-dry-run.sh --unix <micropython>/tests [path/to/unix/micropython]
#
# Without a micropython.mjs it uses the one mpunit installs from npm (mpunit installs it on its run,
# which comes first). Both listings are kept in $COMPARE_WORK (default: a temporary directory).
# Exit code: 0 when every file both list has the same word, 1 otherwise.
set -euo pipefail
. "$(dirname "$0")/args.sh"
bench_tests_dir "$@"
set -- "$tests" "${bench_rest[@]}"
here=$bench_root
work=${COMPARE_WORK:-$(mktemp -d)}
mkdir -p "$work"

if [ "$unix" = yes ]; then
  micropython=$(cd "$(dirname "${2:-$tests/../ports/unix/build-standard/micropython}")" && pwd)/$(basename "${2:-micropython}")
  "$here/mpunit" list-tests "$tests" \
    --config micropython.target=unix --config "micropython.unix.micropython=$micropython" \
    --config "micropython.unix.micropypath=.frozen:$tests/../extmod:$tests/../lib/micropython-lib/python-stdlib/unittest" \
    > "$work/mpunit.txt"
  # One job: in parallel, run-tests.py's lines of several files end up on one line.
  (cd "$tests" && MICROPY_MICROPYTHON=$micropython python3 run-tests.py -t unix -j 1 --dry-run) > "$work/run-tests.txt"
else
  mjs=${2:-}
  if [ -z "$mjs" ]; then
    "$here/mpunit" list-tests "$tests" > "$work/mpunit.txt"
    mjs=${XDG_CACHE_HOME:-$HOME/.cache}/mpunit/webassembly/1.27.0/npm/node_modules/@micropython/micropython-webassembly-pyscript/micropython.mjs
  else
    mjs=$(cd "$(dirname "$mjs")" && pwd)/$(basename "$mjs")
    "$here/mpunit" list-tests "$tests" \
      --config "micropython.webassembly.mjs=$mjs" > "$work/mpunit.txt"
  fi
  (cd "$tests" && MICROPY_MICROPYTHON_MJS=$mjs python3 run-tests.py -t webassembly --dry-run) > "$work/run-tests.txt"
fi

python3 - "$work/run-tests.txt" "$work/mpunit.txt" <<'EOF'
import collections
import re
import sys

LINE = re.compile(r"^(found|skip) +(\S+)(?: \((.*)\))?$")


def listing(path):
    files = {}
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            match = LINE.match(line.rstrip("\n"))
            if match:
                files[match.group(2)] = (match.group(1), match.group(3))
    return files


def counts(files):
    words = collections.Counter(word for word, _ in files.values())
    return "%d files (%d found, %d skip)" % (len(files), words["found"], words["skip"])


upstream, mpunit = listing(sys.argv[1]), listing(sys.argv[2])
print("run-tests.py --dry-run: " + counts(upstream))
print("mpunit dry run:         " + counts(mpunit))
both = [name for name in upstream if name in mpunit]
differing = [name for name in both if upstream[name][0] != mpunit[name][0]]
print("listed by both: %d, same word: %d, different word: %d" % (len(both), len(both) - len(differing), len(differing)))
for name in differing:
    print("  %s: run-tests.py %s, mpunit %s (%s)" % (name, upstream[name][0], mpunit[name][0], mpunit[name][1]))
only_upstream = sorted(name for name in upstream if name not in mpunit)
print("only run-tests.py lists: %d" % len(only_upstream))
for name in only_upstream:
    print("  %s %s" % (upstream[name][0], name))
only_mpunit = [name for name in mpunit if name not in upstream]
print("only mpunit lists: %d" % len(only_mpunit))
for (word, reason), count in collections.Counter(mpunit[name] for name in only_mpunit).most_common():
    print("  %4d %s (%s)" % (count, word, reason))
skipped = collections.Counter(mpunit[name][1] for name in both if upstream[name][0] == "skip")
print("mpunit's reasons for the files both skip:")
for reason, count in skipped.most_common():
    print("  %4d %s" % (count, reason))
sys.exit(1 if differing else 0)
EOF
