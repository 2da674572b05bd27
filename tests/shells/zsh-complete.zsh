# zsh -f zsh-complete.zsh SETUP LINE: types LINE and Tab into an interactive zsh in a
# pty (zsh completes only inside the line editor, so a script cannot just call the
# completion function) set up by SETUP (zsh-setup.zsh), and prints one match a line.
zmodload zsh/zpty || { print -u2 'zsh/zpty is missing'; exit 3 }
zpty z zsh -f -i
zpty -w z "source ${(q)1}"
local line
# The echo of the typed `source …` line also holds the file's name, not the marker.
while zpty -r z line; do
  [[ $line == *'<<READY>>'* && $line != *source* ]] && break
done
zpty -w -n z "$2"$'\t'
while zpty -r z line; do
  [[ $line == *'<<END>>'* ]] && break
  if [[ $line == *MATCH:* ]]; then
    line=${line#*MATCH:}
    print -r -- "${${line//$'\r'/}//$'\n'/}"
  fi
done
zpty -d z
