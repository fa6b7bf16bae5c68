# What bench/'s scripts share to read their arguments; sourced, never run:
#
#   . "$(dirname "$0")/args.sh"            (bench/microbit/: "$(dirname "$0")/../args.sh")
#   bench_tests_dir "$@"                   [--unix] <tests dir>: sets unix, tests and bench_rest
#   bench_dir "what it is" "$@"            <dir>: sets dir and bench_rest
#   bench_help "$@"                        for a script without a directory argument
#
# Each answers -h / --help with the script's header comment (exit 0) before reading anything.
#
# A script's header comment (the lines after #!) is its documentation: --help prints it, and a call
# that does not fit prints its usage lines (the header's lines that start the script by name) and
# exits 2, so the message can never disagree with the header.

# The repository's root, whichever folder of bench/ the script is in.
bench_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# The header comment of the script that sourced this file, without its leading "# ".
bench_header() {
  sed -n '2,/^[^#]/{/^#/!q;s/^# \{0,1\}//;p}' "$0"
}

# -h or --help anywhere among the arguments: the header on standard output, exit 0.
bench_help() {
  local argument
  for argument in "$@"; do
    if [ "$argument" = -h ] || [ "$argument" = --help ]; then
      bench_header
      exit 0
    fi
  done
}

# The header's usage lines on standard error, after what was wrong; exit 2.
bench_usage() {
  local name
  name=$(basename "$0")
  [ $# -eq 0 ] || echo "$(basename "$0" .sh): $*" >&2
  bench_header | grep -E "^( *Usage:)? +([a-z./]*/)?$name( |$)" | sed -E 's/^ *(Usage:)? */usage: /' >&2
  echo "(--help for more)" >&2
  exit 2
}

# <dir> [rest ...]: sets dir (absolute) and bench_rest; what the directory is for is $1 of the call.
bench_dir() {
  local what=$1
  shift
  bench_help "$@"
  [ $# -ge 1 ] || bench_usage "give $what"
  [ -d "$1" ] || bench_usage "$1 is not a directory: give $what"
  dir=$(cd "$1" && pwd)
  shift
  bench_rest=("$@")
}

# [--unix] <tests dir with run-tests.py> [rest ...]: sets unix (yes/no), tests (absolute) and bench_rest.
bench_tests_dir() {
  unix=no
  if [ "${1:-}" = --unix ]; then
    unix=yes
    shift
  fi
  local checkout="the tests/ directory of a MicroPython checkout"
  bench_dir "$checkout" "$@"
  [ -f "$dir/run-tests.py" ] || bench_usage "$dir has no run-tests.py: give $checkout"
  tests=$dir
}
