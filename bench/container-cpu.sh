# Sourced by the benchmark scripts: a container's CPU time, from its cgroup.

# Prints the CPU time of the container with this id in nanoseconds: cgroup v1 (cpuacct) or v2
# (cpu.stat, in microseconds).
cpu_ns() {
  local id="$1" file
  for file in /sys/fs/cgroup/cpuacct/docker/"$id"/cpuacct.usage \
      /sys/fs/cgroup/cpu,cpuacct/docker/"$id"/cpuacct.usage; do
    [[ -r "$file" ]] && { cat "$file"; return; }
  done
  for file in /sys/fs/cgroup/system.slice/docker-"$id".scope/cpu.stat \
      /sys/fs/cgroup/docker/"$id"/cpu.stat; do
    [[ -r "$file" ]] && { awk '$1 == "usage_usec" { print $2 * 1000 }' "$file"; return; }
  done
  echo "no cgroup CPU counter for container $id" >&2
  exit 1
}
