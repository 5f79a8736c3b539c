# An endpoint managed elsewhere, by id.
data "runpod_endpoint" "sd" {
  id = "jpnw0v75y3qoql"
}

output "sd_status" {
  value = "${data.runpod_endpoint.sd.worker_count} of at most ${data.runpod_endpoint.sd.workers_max} workers run ${data.runpod_endpoint.sd.template_image_name} (release ${data.runpod_endpoint.sd.version})"
}
