#!/usr/bin/env bash
# hang-report.sh PATTERN: what a hung test run waits on. For each process whose command line
# matches PATTERN (the test runner): its descendants with their age, and for each of its
# threads blocked in a system call, the call and, for a descriptor it waits on, which other
# processes hold that pipe or socket (the usual cause: a grandchild keeping a pipe open).
set -uo pipefail
pattern=${1:?usage: hang-report.sh PATTERN}

descendants() {
  local parent=$1 child
  for child in $(ps -o pid= --ppid "$parent"); do
    ps -o pid=,pgid=,etimes=,stat=,args= -p "$child" | cut -c1-200 | sed 's/^/    /'
    descendants "$child"
  done
}

holders() {
  local target=$1 fd
  for fd in /proc/[0-9]*/fd/*; do
    if [ "$(readlink "$fd" 2>/dev/null)" = "$target" ]; then
      local pid=${fd#/proc/}; pid=${pid%%/*}
      printf '        held by %s fd %s: %s\n' "$pid" "${fd##*/}" "$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | cut -c1-160)"
    fi
  done
}

for pid in $(pgrep -f "$pattern"); do
  [ "$pid" = $$ ] && continue
  echo "[hang] $pid: $(tr '\0' ' ' < "/proc/$pid/cmdline" | cut -c1-200)"
  echo "  descendants (pid pgid seconds stat command):"
  descendants "$pid"
  echo "  threads in a system call (number, first argument):"
  for task in /proc/"$pid"/task/*; do
    read -r call arg rest < "$task/syscall" 2>/dev/null || continue
    [ "$call" = running ] && continue
    echo "    thread ${task##*/} ($(cat "$task/comm")): syscall $call arg $arg wchan $(cat "$task/wchan" 2>/dev/null)"
    # read(0), wait4(61), poll(7), ppoll(271), epoll_wait(232), epoll_pwait(281), futex(202) on x86-64
    if [ "$call" = 0 ]; then
      target=$(readlink "/proc/$pid/fd/$((arg))" 2>/dev/null)
      echo "      fd $((arg)) is $target"
      holders "$target"
    elif [ "$call" = 61 ]; then
      child=$((arg)); [ "$child" -gt 0 ] && echo "      waits for $child: $(tr '\0' ' ' < "/proc/$child/cmdline" 2>/dev/null | cut -c1-160)"
    fi
  done
done
