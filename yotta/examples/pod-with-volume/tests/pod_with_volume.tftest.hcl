# terraform test against yotta-mock: export YOTTA_API_KEY and YOTTA_API_URL as the mock prints
# them, then run `terraform test` in the module's folder.
run "creates_the_volume_then_the_pod_that_mounts_it" {
  assert {
    condition     = yotta_volume.data.status == "active"
    error_message = "the provider waits for the volume to be active"
  }
  assert {
    condition     = yotta_pod.app.status == "RUNNING"
    error_message = "the pod must be running"
  }
  assert {
    condition     = one(yotta_pod.app.persistent_volumes).volume_id == yotta_volume.data.id
    error_message = "the pod mounts the module's volume"
  }
}

run "grows_the_volume_in_place" {
  variables {
    volume_size_in_gb = 200
  }
  # Planned only: Yotta resizes only volumes no pod mounts, so applying it would be refused,
  # naming the pod (the plan warns of it).
  command = plan
  assert {
    condition     = yotta_volume.data.id == run.creates_the_volume_then_the_pod_that_mounts_it.volume_id
    error_message = "growing keeps the volume (no replacement)"
  }
}
