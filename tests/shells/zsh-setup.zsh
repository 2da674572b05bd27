# Sourced by an interactive `zsh -f` that zsh-complete.zsh drives through a pty: loads
# the completion system and the script under test ($ROADMAP_SITE_COMPLETION), makes
# Tab complete, and prints every match the completion functions offer as a
# `MATCH:<word>` line between `<<BEGIN>>` and `<<END>>`, then exits.
PROMPT='' RPROMPT='' PS2=''
# Escape sequences around each line would end up in the lines read back.
unset zle_bracketed_paste
autoload -U compinit && compinit -u -D
source "$ROADMAP_SITE_COMPLETION"
bindkey '^I' complete-word
zstyle ':completion:*' list-grouped false
zstyle ':completion:*' insert-tab false
_capture_begin() { print -r -- '<<BEGIN>>' }
_capture_end() { print -r -- '<<END>>'; exit }
compprefuncs=(_capture_begin)
comppostfuncs=(_capture_end)
# Every match goes through compadd: it still adds them (-A only collects, after
# matching against what was typed), and prints them. Calls with -O, -A or -D are the
# completion system asking for matches without adding them: passed on untouched.
compadd() {
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then
    builtin compadd "$@"
    return
  fi
  local -a hits
  builtin compadd -A hits "$@"
  local h
  for h in $hits; do print -r -- "MATCH:$h"; done
}
print -r -- '<<READY>>'
