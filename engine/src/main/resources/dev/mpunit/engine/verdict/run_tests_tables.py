"""Print the skip tables of a run-tests.py, or how they differ from mpunit's.

    python3 run_tests_tables.py RUN_TESTS_PY                 # the tree's tables
    python3 run_tests_tables.py RUN_TESTS_PY ENGINE_TABLES   # the differences

The file is read with ast, never run. Each table is printed one entry a line,
"TABLE<tab>entry", under the names of the engine's RunTestsTables, so that the
two can be compared line by line. ENGINE_TABLES is such a listing of the
engine's own tables: the engine writes it beside this script in its cache
directory when it finds a tree whose tables differ, and names both files.

Exit status: 0 when the tables agree (or no ENGINE_TABLES was given), 1 when
they differ, 2 when the file cannot be read.
"""

import ast
import sys

# Module-level tables of run-tests.py, by the engine's names.
NAMED = {
    "via_mpy_tests_to_skip": "VIA_MPY",
    "emitter_tests_to_skip": "EMITTER",
    "platform_tests_to_skip": "PLATFORM",
    "error_reporting_tests_to_skip": "ERROR_REPORTING",
    "flaky_tests_to_ignore": "FLAKY",
    "tests_requiring_float": "REQUIRING_FLOAT",
    "tests_requiring_slice": "REQUIRING_SLICE",
    "tests_requiring_target_wiring": "REQUIRING_TARGET_WIRING",
}

# Lists that run_tests() spells out inline as skip_tests.add("..."), by the
# condition (as ast.unparse writes it) of the if that holds them. None: a list
# the engine leaves out on purpose (it concerns upstream's CI, not a target).
INLINE = {
    "args.float_prec < 32": "FLOAT_BELOW_32",
    "args.float_prec < 64": "FLOAT_BELOW_64",
    "not args.unicode": "NO_UNICODE",
    "not args.unicode / args.via_mpy": "NO_UNICODE_VIA_MPY",
    "not has_complex": "NO_COMPLEX",
    "not has_coverage": "NO_COVERAGE",
    "args.platform not in PC_PLATFORMS": "NOT_PC",
    "os.name == 'nt' / not sysconfig.get_platform().startswith('mingw')": "WINDOWS_HOST",
    "'True' not in str(t, 'ascii')": "REPL",
    "os.getenv('GITHUB_ACTIONS') == 'true' / "
    "os.getenv('RUNNER_OS') == 'Windows' and os.getenv('CI_BUILD_CONFIGURATION') == 'Debug'": None,
}


def value(node, known):
    """A literal, a table already read, or table[key] + literal (the "none" list)."""
    if isinstance(node, ast.Name) and node.id in known:
        return known[node.id]
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id in known:
        return known[node.value.id][ast.literal_eval(node.slice)]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return value(node.left, known) + value(node.right, known)
    return ast.literal_eval(node)


def entries(table, content):
    if table == "FLAKY":
        for test, (reason, platforms) in content.items():
            where = "all" if platforms is None else ",".join(platforms)
            yield f"{test}: {reason} ({where})"
    elif isinstance(content, dict):
        for key, tests in content.items():
            for test in tests:
                yield f"{key}: {test}"
    else:
        yield from content


def inline_adds(body, conditions, found):
    """skip_tests.add("...") with a constant, under each chain of if conditions."""
    for statement in body:
        if isinstance(statement, ast.If) and ast.unparse(statement.test) == "True":
            inline_adds(statement.body, conditions, found)  # upstream's "if True:" only indents
        elif isinstance(statement, ast.If):
            inline_adds(statement.body, conditions + [ast.unparse(statement.test)], found)
            inline_adds(statement.orelse, conditions + ["not (" + ast.unparse(statement.test) + ")"], found)
        elif isinstance(statement, (ast.For, ast.While, ast.With, ast.Try)):
            inline_adds(statement.body, conditions, found)
        elif (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call)
              and ast.unparse(statement.value.func) == "skip_tests.add"
              and len(statement.value.args) == 1 and isinstance(statement.value.args[0], ast.Constant)
              and conditions):
            found.setdefault(" / ".join(conditions), []).append(statement.value.args[0].value)


def tables(source):
    module = ast.parse(source)
    known, lines = {}, set()
    for statement in module.body:
        if not isinstance(statement, ast.Assign) or len(statement.targets) != 1:
            continue
        target = statement.targets[0]
        if isinstance(target, ast.Name) and target.id in NAMED:
            known[target.id] = value(statement.value, known)
        elif (isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name)
              and target.value.id in NAMED):
            known[target.value.id][ast.literal_eval(target.slice)] = value(statement.value, known)
        elif isinstance(target, ast.Name) and (target.id.endswith("_tests_to_skip")
                                                or target.id.startswith("tests_requiring_")):
            # A table this engine does not know: listed under its own name.
            NAMED[target.id] = target.id
            known[target.id] = value(statement.value, known)
    for name, content in known.items():
        lines.update(f"{NAMED[name]}\t{entry}" for entry in entries(NAMED[name], content))
    found = {}
    for function in module.body:
        if isinstance(function, ast.FunctionDef) and function.name == "run_tests":
            inline_adds(function.body, [], found)
    for condition, tests in found.items():
        table = INLINE.get(condition, "if " + condition)
        if table is not None:
            lines.update(f"{table}\t{test}" for test in tests)
    return lines


def main(argv):
    if len(argv) not in (2, 3):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        with open(argv[1], encoding="utf-8") as f:
            tree = tables(f.read())
    except (OSError, SyntaxError, ValueError) as e:
        print(f"cannot read the skip tables of {argv[1]}: {e}", file=sys.stderr)
        return 2
    if len(argv) == 2:
        for line in sorted(tree):
            print(line)
        return 0
    with open(argv[2], encoding="utf-8") as f:
        engine = {line for line in f.read().splitlines() if line}
    differences = sorted([("-", line) for line in engine - tree] + [("+", line) for line in tree - engine],
                         key=lambda d: (d[1], d[0]))
    if differences:
        print(f"- only in the engine's tables, + only in {argv[1]}:")
    for sign, line in differences:
        print(sign, line.replace("\t", " "))
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
