# bash completion for hindsight(1): commands, their options, --format
# values and report kinds; where a path is expected, bash's own file name
# completion (complete -o default). Needs no bash-completion package.

_hindsight() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
    local -a words=("${COMP_WORDS[@]}")
    local cword=$COMP_CWORD
    COMPREPLY=()

    local commands="index search show similar families report site serve check help"
    local global="--db --config --json --limit --help --version"
    local cmd="" i
    for ((i = 1; i < cword; i++)); do
        case ${words[i]} in
        --db | --limit) ((i++)) ;;
        -*) ;;
        *)
            cmd=${words[i]}
            break
            ;;
        esac
    done

    case $prev in
    --db | --out | --token-file | --file | --config | --concepts | --watch-dir)
        return # file names
        ;;
    --format)
        case $cmd in
        check) COMPREPLY=($(compgen -W "text github json" -- "$cur")) ;;
        *) COMPREPLY=($(compgen -W "md html json csv" -- "$cur")) ;;
        esac
        return
        ;;
    --limit | --as-of | --owner | --listen | --threads | --symptom | \
        --service | --tag | --title | --post | --mail | --timeout | \
        --allowed-host | --per-client-limit | --state | --alerts-keep | \
        --jobs | -j | --index-jobs)
        return
        ;;
    esac

    if [[ -z $cmd ]]; then
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "$global" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$commands" -- "$cur"))
        fi
        return
    fi

    local opts
    case $cmd in
    index) opts="--full --jobs --verbose" ;;
    search) opts="" ;;
    show) opts="--file --explain" ;;
    similar) opts="--symptom --service --tag --title --stdin --concepts" ;;
    families) opts="" ;;
    report) opts="--as-of --owner --format --out --post --timeout --mail" ;;
    site) opts="--out --as-of --force" ;;
    serve) opts="--listen --token-file --allowed-host --per-client-limit --threads --quiet --state --concepts --watch --watch-dir --index-jobs --alerts-keep" ;;
    check) opts="--quiet --format" ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$opts --db --json --limit --help" -- "$cur"))
        return
    fi
    case $cmd in
    report)
        local k
        for k in "${words[@]:1:cword-1}"; do
            [[ $k == overdue || $k == weekly ]] && return
        done
        COMPREPLY=($(compgen -W "overdue weekly" -- "$cur"))
        ;;
    esac # index, check, show --file: file names
} &&
    complete -o default -F _hindsight hindsight
