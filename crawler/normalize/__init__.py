"""Turn source values (HTML, salary strings, contract labels…) into jobfit's vocabulary."""
