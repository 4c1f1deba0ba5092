# Sourced by the benchmark scripts: where the load generator reaches the suite.
#
# By default the generator talks to the containers on the compose network directly (a Linux host
# routes to its bridge networks), not through the host's published ports: on Docker's default
# set-up a published port is served by docker-proxy, a userland process that copies every byte
# of every request and stream and took 74-118 ms of CPU a second at 200-400 orders/s here, a
# twentieth of the two cores, which the suite then lacks (docs/benchmarks.md, "The JIT's warm-up,
# and the ladder on a warm suite"). Where the containers cannot be reached (Docker Desktop's VM)
# or BENCH_VIA_PUBLISHED_PORTS=1, it uses localhost and the published ports as before.

# Prints the generator's URL options for the containers that publish the host ports 8080-8083
# (the services, or the gateway of docker-compose.scale.yml) and 9000 (the authorization server),
# or nothing (the generator's localhost defaults).
generator_addresses() {
  [[ "${BENCH_VIA_PUBLISHED_PORTS:-0}" == 1 ]] && return 0
  local options=() i port container address target
  local names=(order inventory payment notification token)
  local ports=(8080 8081 8082 8083 9000)
  local paths=("" "" "" "" /oauth2/token)
  for i in "${!ports[@]}"; do
    port="${ports[$i]}"
    container="$(docker ps -q --filter "publish=$port" | head -n 1)"
    [[ -n "$container" ]] || return 0
    # The container's address, and the container port that the host port maps to.
    address="$(docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}' \
      "$container" | awk '{ print $1 }')"
    target="$(docker inspect -f "{{range \$p, \$bindings := .NetworkSettings.Ports}}{{range \$bindings}}{{if eq .HostPort \"$port\"}}{{\$p}} {{end}}{{end}}{{end}}" \
      "$container" | awk '{ sub(/\/tcp$/, "", $1); print $1 }')"
    [[ -n "$address" && -n "$target" ]] || return 0
    timeout 1 bash -c "exec 3<>/dev/tcp/$address/$target" 2>/dev/null || return 0
    options+=("--${names[$i]}-url" "http://$address:$target${paths[$i]}")
  done
  echo "${options[*]}"
}
