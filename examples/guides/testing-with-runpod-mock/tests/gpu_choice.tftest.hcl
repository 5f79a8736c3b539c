# `terraform test` runs these against whatever RUNPOD_REST_URL and RUNPOD_GRAPHQL_URL point at:
# runpod-mock in CI, so the tests cost nothing and need no RunPod account.

run "fits_the_memory_and_the_budget" {
  command = apply

  variables {
    min_memory_in_gb   = 40
    max_price_per_hour = 1.5
  }

  assert {
    condition     = data.runpod_gpu_type.this.memory_in_gb >= 40
    error_message = "Picked ${output.gpu_type_id}, which has less than 40 GB."
  }

  assert {
    condition     = output.price_per_hour <= 1.5
    error_message = "Picked ${output.gpu_type_id} at ${output.price_per_hour} USD/hour, over budget."
  }
}

run "more_memory_costs_at_least_as_much" {
  command = apply

  variables {
    min_memory_in_gb = 80
  }

  assert {
    condition     = output.price_per_hour >= run.fits_the_memory_and_the_budget.price_per_hour
    error_message = "An 80 GB GPU should not be cheaper than the 40 GB pick."
  }
}
