#!/usr/bin/env bash
# Creates an Nx TypeScript project skeleton: tools/scripts/scaffold-project.sh <dir> <npm-name> <tags,comma,separated>
# Apps (type:app) build from tsconfig.app.json to dist/main.js; libraries and tools from tsconfig.lib.json.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
dir=$1 name=$2 tags=$3
build_config=tsconfig.lib.json
case ",$tags," in *,type:app,*) build_config=tsconfig.app.json ;; esac
mkdir -p "$dir/src"
rel=$(realpath --relative-to="$dir" .)
tags_json=$(printf '%s' "$tags" | awk -F, '{for(i=1;i<=NF;i++){printf "%s\"%s\"", (i>1?", ":""), $i}}')
if [ "$build_config" = tsconfig.app.json ] && [ ! -f "$dir/package.json" ]; then
  # Apps are run, never imported: main points at the built entry, and there are no exports.
  cat > "$dir/package.json" <<JSON
{
  "name": "$name",
  "version": "0.0.1",
  "private": true,
  "main": "./dist/main.js",
  "nx": {
    "tags": [$tags_json]
  }
}
JSON
fi
[ -f "$dir/package.json" ] || cat > "$dir/package.json" <<JSON
{
  "name": "$name",
  "version": "0.0.1",
  "private": true,
  "main": "./dist/index.js",
  "types": "./dist/index.d.ts",
  "exports": {
    ".": {
      "@gaara/source": "./src/index.ts",
      "types": "./dist/index.d.ts",
      "default": "./dist/index.js"
    },
    "./package.json": "./package.json"
  },
  "nx": {
    "tags": [$tags_json]
  }
}
JSON
cat > "$dir/tsconfig.json" <<JSON
{
  "extends": "$rel/tsconfig.base.json",
  "files": [],
  "include": [],
  "references": [{ "path": "./$build_config" }, { "path": "./tsconfig.spec.json" }]
}
JSON
cat > "$dir/$build_config" <<JSON
{
  "extends": "$rel/tsconfig.base.json",
  "compilerOptions": {
    "rootDir": "src",
    "outDir": "dist",
    "tsBuildInfoFile": "dist/${build_config%.json}.tsbuildinfo",
    "types": ["node"]
  },
  "include": ["src/**/*.ts"],
  "exclude": ["src/**/*.spec.ts"],
  "references": []
}
JSON
cat > "$dir/tsconfig.spec.json" <<JSON
{
  "extends": "$rel/tsconfig.base.json",
  "compilerOptions": {
    "outDir": "./out-tsc/jest",
    "types": ["jest", "node"]
  },
  "include": ["src/**/*.ts"],
  "references": [{ "path": "./$build_config" }]
}
JSON
cat > "$dir/jest.config.cjs" <<JS
module.exports = { ...require('$rel/jest.preset.cjs'), displayName: '$name', rootDir: __dirname };
JS
eslint_export=default
case ",$tags," in *,type:tool,*) eslint_export="toolsConfig as default" ;; esac
cat > "$dir/eslint.config.mjs" <<JS
export { $eslint_export } from '$rel/eslint.config.mjs';
JS
case "$build_config" in
  tsconfig.app.json) [ -f "$dir/src/main.ts" ] || echo "export {};" > "$dir/src/main.ts" ;;
  *) [ -f "$dir/src/index.ts" ] || echo "export {};" > "$dir/src/index.ts" ;;
esac
prettier --write --log-level warn "$dir/package.json" "$dir"/tsconfig*.json "$dir/jest.config.cjs" "$dir/eslint.config.mjs" || true
