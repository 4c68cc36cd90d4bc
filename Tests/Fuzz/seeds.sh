#!/bin/sh
# Writes the seed corpus of one fuzz target into a folder, from the fixtures and the repository's own files.
# Usage: Tests/Fuzz/seeds.sh <FuzzDockerfile|FuzzYAML|FuzzWorkflowRules|FuzzShell|FuzzConfig> <folder>
# Seeds are whole files, except for FuzzShell, which also gets the shell bodies of Dockerfile RUN instructions,
# workflow `run:` steps and Makefile recipes: that is where the rules meet shell text.
set -eu
target=$1
out=$2
mkdir -p "$out"
n=0
seed() { # copies each file named on stdin into the folder
    while IFS= read -r file; do
        cp "$file" "$out/seed$n"
        n=$((n + 1))
    done
}
# Cuts one text into seeds at lines holding only the separator (awk below writes them).
split_seeds() {
    awk -v out="$out" -v prefix="$1" '
        /^\x1e$/ { if (body != "") { file = out "/" prefix n++; printf "%s", body > file; close(file) } body = ""; next }
        { body = body $0 "\n" }
        END { if (body != "") { file = out "/" prefix n++; printf "%s", body > file; close(file) } }'
}
case $target in
FuzzDockerfile)
    find Fixtures/buildkit-parser Fixtures/repos -name 'Dockerfile*' -type f | sort | seed
    ;;
FuzzYAML | FuzzWorkflowRules)
    { find Fixtures \( -name '*.yml' -o -name '*.yaml' \) -type f; find .github action.yml -name '*.yml' -type f; } | sort | seed
    # libyaml also reads UTF-16 with a byte-order mark, a separate path for positions; mutation rarely gets there.
    if command -v iconv >/dev/null 2>&1; then
        for file in .github/workflows/*.yml action.yml; do
            { printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$file"; } >"$out/utf16le$n"
            { printf '\376\377'; iconv -f UTF-8 -t UTF-16BE "$file"; } >"$out/utf16be$n"
            n=$((n + 1))
        done
    fi
    ;;
FuzzConfig)
    { find Fixtures -name '.plimsoll.yml' -type f; echo .plimsoll.yml; } | sort | seed
    ;;
FuzzShell)
    find Fixtures -name '*.sh' -type f | sort | seed
    # RUN bodies, continuation lines included (heredocs come along as the lines that follow).
    find Fixtures/buildkit-parser Fixtures/repos -name 'Dockerfile*' -type f | sort | while IFS= read -r file; do
        awk '
            !inrun && toupper($1) == "RUN" { inrun = 1; sub(/^[ \t]*[Rr][Uu][Nn][ \t]*/, "") }
            inrun { print; if ($0 !~ /\\$/) { inrun = 0; print "\036" } }' "$file"
    done | split_seeds run
    # `run:` steps of workflows and composite actions: one-liners and block scalars (lines indented deeper).
    find Fixtures .github action.yml \( -name '*.yml' -o -name '*.yaml' \) -type f | sort | while IFS= read -r file; do
        awk '
            function indent(s) { match(s, /^[ \t]*/); return RLENGTH }
            block && ($0 ~ /^[ \t]*$/ || indent($0) > depth) { print; next }
            block { block = 0; print "\036" }
            /^[ \t]*(- )?run:[ \t]*[|>][-+0-9]*[ \t]*$/ { block = 1; depth = indent($0); next }
            /^[ \t]*(- )?run:[ \t]*[^ \t|>]/ { sub(/^[ \t]*(- )?run:[ \t]*/, ""); print; print "\036" }
            END { if (block) print "\036" }' "$file"
    done | split_seeds step
    # Makefile recipe lines.
    find Fixtures -name 'Makefile' -type f | sort | while IFS= read -r file; do
        sed -n 's/^\t//p' "$file"; printf '\036\n'
    done | split_seeds make
    ;;
*)
    echo "unknown fuzz target: $target" >&2
    exit 2
    ;;
esac
