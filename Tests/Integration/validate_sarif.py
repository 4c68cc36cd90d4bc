"""Validate a SARIF log against a JSON schema, the way GitHub's upload-sarif does (its own copy of the schema).

Usage: python validate_sarif.py SCHEMA.json LOG.sarif
Exit status 0 when valid; 1 with every error printed otherwise.
"""
import json
import sys

import jsonschema


def main() -> int:
    schema_path, log_path = sys.argv[1], sys.argv[2]
    with open(schema_path, encoding="utf-8") as handle:
        schema = json.load(handle)
    with open(log_path, encoding="utf-8") as handle:
        log = json.load(handle)
    validator_class = jsonschema.validators.validator_for(schema)
    validator = validator_class(schema)
    errors = sorted(validator.iter_errors(log), key=lambda error: list(error.path))
    for error in errors:
        print(f"{'/'.join(str(p) for p in error.path)}: {error.message}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
