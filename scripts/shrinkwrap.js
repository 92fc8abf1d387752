// prepack/postpack: publish with an npm-shrinkwrap.json that pins exactly what installing proctop
// installs. dist/cli.cjs bundles every library it uses, so that is the package alone: no
// dependency tree to resolve at `npx proctop` time. `--remove` deletes it again after packing
// (the repository keeps package-lock.json for development).
import {readFileSync, rmSync, writeFileSync} from 'node:fs';

if (process.argv.includes('--remove')) {
	rmSync('npm-shrinkwrap.json', {force: true});
} else {
	const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
	const runtime = Object.fromEntries(Object.entries(lock.packages).filter(([path, entry]) => path === '' || !entry.dev));
	writeFileSync('npm-shrinkwrap.json', `${JSON.stringify({...lock, packages: runtime}, null, 2)}\n`);
}
