# Sourced by the workspace scripts: Node 24 from node_modules first in PATH, Nx without daemon or cloud.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export PATH="$root/node_modules/.bin:$PATH"
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
