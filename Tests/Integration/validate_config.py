"""Validate YAML configuration files against .plimsoll.schema.json (as an editor with SchemaStore would).

Usage: python validate_config.py SCHEMA.json FILE.yml [FILE.yml ...]
Prints one line per file: "ok PATH" or "invalid PATH: reason". Exit status 0 when every file is valid.
"""
import json
import sys

import jsonschema
import yaml


def main() -> int:
    with open(sys.argv[1], encoding="utf-8") as handle:
        schema = json.load(handle)
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    status = 0
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as handle:
            document = yaml.safe_load(handle) or {}
        errors = list(validator.iter_errors(document))
        if errors:
            status = 1
            print(f"invalid {path}: {errors[0].message}")
        else:
            print(f"ok {path}")
    return status


if __name__ == "__main__":
    sys.exit(main())
