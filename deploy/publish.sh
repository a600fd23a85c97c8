#!/usr/bin/env bash
# Run by atgardsplan-publish.service (or by hand, with the same variables):
# fetch the branch, and when it has a commit that was not published yet,
# check it out, install the pinned packages (hashes checked) and publish.
#
#   ATGARDSPLAN_CHECKOUT      the git checkout to build from (a clone of the project)
#   ATGARDSPLAN_PUBLISH_DIR   the published folder, a symbolic link the web server serves
#   ATGARDSPLAN_BRANCH        the branch to publish (default main)
#   STATE_DIRECTORY           where the last published commit is kept (systemd sets it)
#
# A failed build or check leaves the published site as it was and exits
# non-zero (the journal shows the Swedish lines); the next run tries again.
# A manual `atgardsplan publish --rollback` stays until a new commit arrives.
set -euo pipefail

# Everything is in a function that is called on the last line: bash has then
# read the whole file before `git checkout` may change it.
main() {
  local checkout="${ATGARDSPLAN_CHECKOUT:?ATGARDSPLAN_CHECKOUT saknas: sökvägen till git-utcheckningen}"
  local to="${ATGARDSPLAN_PUBLISH_DIR:?ATGARDSPLAN_PUBLISH_DIR saknas: den publicerade mappen}"
  local branch="${ATGARDSPLAN_BRANCH:-main}"
  local state="${STATE_DIRECTORY:-$checkout/.venv}/publicerad-commit"

  cd "$checkout"
  git fetch --quiet origin "$branch"
  local commit
  commit="$(git rev-parse FETCH_HEAD)"
  if [ -f "$state" ] && [ "$(cat "$state")" = "$commit" ] && [ -L "$to" ]; then
    echo "Inget nytt på $branch (${commit:0:12} är redan publicerad)."
    return 0
  fi
  git checkout --quiet --force --detach "$commit"
  # Nothing but the commit's files (and the venv) goes into the build.
  git clean --quiet -d --force -x --exclude=.venv
  bash scripts/setup requirements.txt
  .venv/bin/atgardsplan publish --to "$to"
  mkdir -p "$(dirname "$state")"
  echo "$commit" > "$state"
}

main "$@"
exit
