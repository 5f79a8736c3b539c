# `terraform test` runs these against whatever RUNPOD_REST_URL and RUNPOD_GRAPHQL_URL point at:
# runpod-mock in CI, so the tests cost nothing and need no RunPod account. Runs with
# `command = apply` create the template and the endpoint in the mock; Terraform destroys them
# when the file is done.

variables {
  name  = "sd-worker-test"
  image = "ghcr.io/acme/sd-worker:1.4.0"
}

run "deploys_on_a_gpu_that_fits_the_budget" {
  command = apply

  variables {
    min_memory_in_gb   = 40
    max_price_per_hour = 1.5
  }

  assert {
    condition     = data.runpod_gpu_type.worker.memory_in_gb >= 40
    error_message = "Picked ${output.gpu_type_id}, which has less than 40 GB."
  }

  assert {
    condition     = output.price_per_hour <= 1.5
    error_message = "Picked ${output.gpu_type_id} at ${output.price_per_hour} USD/hour, over budget."
  }

  assert {
    condition     = runpod_endpoint.this.gpu_type_ids == tolist([output.gpu_type_id])
    error_message = "The endpoint does not run on the GPU type the module picked."
  }

  assert {
    condition     = runpod_endpoint.this.template_id == runpod_template.worker.id
    error_message = "The endpoint does not run the module's template."
  }
}

run "more_memory_moves_to_a_bigger_gpu" {
  command = apply

  variables {
    min_memory_in_gb = 80
  }

  assert {
    condition     = data.runpod_gpu_type.worker.memory_in_gb >= 80
    error_message = "Picked ${output.gpu_type_id}, which has less than 80 GB."
  }

  assert {
    condition     = runpod_endpoint.this.id == run.deploys_on_a_gpu_that_fits_the_budget.endpoint_id
    error_message = "Changing the GPU type replaced the endpoint instead of updating it."
  }
}

run "refuses_too_many_workers" {
  command = plan

  variables {
    min_memory_in_gb = 24
    max_workers      = 50
  }

  expect_failures = [var.max_workers]
}
