// Entry of the lean credential helper bundle (issue #4): Node builtins only.
process.stdout.write('iamra credential helper: not built yet\n');
process.exitCode = 1;
