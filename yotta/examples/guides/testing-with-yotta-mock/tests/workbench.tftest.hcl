# terraform test against yotta-mock: export YOTTA_API_KEY and YOTTA_API_URL as the mock prints
# them, then run `terraform test` in the module's folder.
variables {
  team = "ml"
}

run "creates_a_running_workbench" {
  assert {
    condition     = yotta_pod.workbench.status == "RUNNING"
    error_message = "the workbench must be running"
  }
  assert {
    condition     = alltrue([for p in yotta_pod.workbench.exposed_ports : p.healthy])
    error_message = "the provider waits until every exposed port is healthy"
  }
  assert {
    condition     = startswith(output.url, "https://")
    error_message = "the notebook is served over HTTPS"
  }
}

run "pauses_it_in_place" {
  variables {
    paused = true
  }
  assert {
    condition     = yotta_pod.workbench.status == "PAUSED"
    error_message = "desired_status = PAUSED pauses the pod"
  }
  assert {
    condition     = output.id == run.creates_a_running_workbench.id
    error_message = "pausing keeps the pod (no replacement)"
  }
}
