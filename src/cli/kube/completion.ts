// `shoal completion bash|zsh`: a completion script. Commands and flags are written into it;
// resource types and object names are asked of the masters while completing (shoal
// api-resources / get -o name, with a short deadline), so they are always the live ones.
import { UsageError } from '../usage-error.ts';

/** Every shoal command and the flags it takes beyond the common ones (test/cli/kubectl.test.ts checks this against `shoal --help`). */
export const COMPLETION_COMMANDS: Record<string, string> = {
  master: '--name --data-dir --listen-peer-urls --initial-advertise-peer-urls --listen-client-urls --advertise-client-urls --initial-cluster --initial-cluster-state --initial-cluster-token --log-level --help',
  agent: '--name --data-dir --endpoints --runtime --docker-socket --node-ip --labels --capacity --pod-network --bridge --log-level --help',
  image: '--docker-socket --change --help',
  status: '--endpoints --write-out --timeout --help',
  up: '--masters --agents --data-dir --base-port --fresh --once --log-level --help',
  apply: '-f --filename -R --recursive --dry-run',
  create: '-f --filename -o --output --dry-run --from-literal --from-file --image --replicas --port',
  get: '-o --output -l --selector --field-selector -A --all-namespaces -w --watch --watch-only --show-labels --no-headers --ignore-not-found -f --filename',
  describe: '-l --selector -A --all-namespaces',
  delete: '-f --filename -l --selector --field-selector --all -A --all-namespaces --grace-period --now --force --cascade --wait --timeout --ignore-not-found --dry-run',
  scale: '--replicas --current-replicas',
  label: '--overwrite -l --selector --all',
  annotate: '--overwrite -l --selector --all',
  rollout: '--timeout --watch --revision --to-revision',
  autoscale: '--min --max --cpu-percent --name --dry-run',
  cordon: '-l --selector',
  uncordon: '-l --selector',
  drain: '--force --ignore-daemonsets --delete-emptydir-data --grace-period --timeout --pod-selector',
  cluster: '--endpoints --timeout --help',
  'api-resources': '-o --output --namespaced --no-headers',
  top: '-l --selector -A --all-namespaces',
  logs: '-c --container -f --follow -p --previous --tail --timestamps',
  exec: '-c --container -i -t',
  completion: '--help',
};

const COMMON = '--endpoints -n --namespace --request-timeout --help';

function bashScript(): string {
  const flagCases = Object.entries(COMPLETION_COMMANDS)
    .map(([cmd, flags]) => `    ${cmd}) flags="${flags} ${['master', 'agent', 'image', 'status', 'up', 'cluster', 'completion'].includes(cmd) ? '' : COMMON}";;`)
    .join('\n');
  return `# bash completion for shoal; load with: source <(shoal completion bash)
__shoal_ns_args() {
  local i
  for ((i = 1; i < \${#COMP_WORDS[@]}; i++)); do
    case "\${COMP_WORDS[i]}" in
      -n|--namespace|--endpoints) echo "\${COMP_WORDS[i]} \${COMP_WORDS[i+1]}";;
      --namespace=*|--endpoints=*) echo "\${COMP_WORDS[i]}";;
    esac
  done
}
__shoal_types() {
  shoal api-resources -o name --request-timeout=2000 $(__shoal_ns_args) 2>/dev/null | sed 's/\\..*//'
}
__shoal_names() {
  shoal get "$1" -o name --request-timeout=2000 $(__shoal_ns_args) 2>/dev/null | sed 's|.*/||'
}
_shoal() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  local commands="${Object.keys(COMPLETION_COMMANDS).join(' ')}"
  if [[ $COMP_CWORD -eq 1 ]]; then
    COMPREPLY=($(compgen -W "$commands" -- "$cur")); return
  fi
  local cmd="\${COMP_WORDS[1]}" flags=""
  case "$cmd" in
${flagCases}
  esac
  case "$prev" in
    -n|--namespace) COMPREPLY=($(compgen -W "$(__shoal_names namespaces)" -- "$cur")); return;;
    -o|--output) COMPREPLY=($(compgen -W "wide yaml json name" -- "$cur")); return;;
    -f|--filename) COMPREPLY=($(compgen -f -- "$cur")); return;;
    --cascade) COMPREPLY=($(compgen -W "background foreground orphan" -- "$cur")); return;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$flags" -- "$cur")); return
  fi
  # The words after the command that are not flags (nor a flag's value).
  local -a args=() ; local i w
  for ((i = 2; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    case "$w" in
      -n|--namespace|-o|--output|-l|--selector|-f|--filename|--endpoints|--field-selector|--replicas|--timeout|--grace-period|--cascade|--image|--min|--max|--cpu-percent) ((i++));;
      -*) ;;
      *) args+=("$w");;
    esac
  done
  case "$cmd" in
    completion) COMPREPLY=($(compgen -W "bash zsh" -- "$cur")); return;;
    cluster) COMPREPLY=($(compgen -W "status" -- "$cur")); return;;
    cordon|uncordon|drain) COMPREPLY=($(compgen -W "$(__shoal_names nodes)" -- "$cur")); return;;
    logs|exec) COMPREPLY=($(compgen -W "$(__shoal_names pods)" -- "$cur")); return;;
    rollout)
      if [[ \${#args[@]} -eq 0 ]]; then COMPREPLY=($(compgen -W "status history undo restart pause resume" -- "$cur")); return; fi
      COMPREPLY=($(compgen -W "$(__shoal_names deployments | sed 's|^|deployment/|')" -- "$cur")); return;;
    get|describe|delete|label|annotate|scale|autoscale)
      if [[ "$cur" == */* ]]; then
        local t="\${cur%%/*}"
        COMPREPLY=($(compgen -W "$(__shoal_names "$t" | sed "s|^|$t/|")" -- "$cur")); return
      fi
      if [[ \${#args[@]} -eq 0 ]]; then
        COMPREPLY=($(compgen -W "$(__shoal_types) $([[ $cmd == get ]] && echo all)" -- "$cur")); return
      fi
      COMPREPLY=($(compgen -W "$(__shoal_names "\${args[0]}")" -- "$cur")); return;;
  esac
}
complete -F _shoal shoal`;
}

const USAGE = `usage: shoal completion bash|zsh

Prints a shell completion script. Load it with:
  bash:  source <(shoal completion bash)
  zsh:   source <(shoal completion zsh)`;

export async function runCompletion(argv: string[]): Promise<number> {
  const [shell, ...rest] = argv;
  if (shell === '--help' || shell === '-h') {
    console.log(USAGE);
    return 0;
  }
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
  if (shell === 'bash') console.log(bashScript());
  // zsh runs bash completion functions through bashcompinit (as kubectl's older zsh script did).
  else if (shell === 'zsh') console.log(`#compdef shoal\nautoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n${bashScript()}`);
  else throw new UsageError(shell ? `unsupported shell "${shell}" (bash or zsh)` : 'name the shell: bash or zsh');
  return 0;
}
