# The account's templates, those its endpoints use included.
data "runpod_templates" "mine" {
  include_endpoint_bound_templates = true
}

# RunPod's official templates too.
data "runpod_templates" "official" {
  include_runpod_templates = true
}

output "serverless_templates" {
  value = [for t in data.runpod_templates.mine.templates : t.name if t.is_serverless]
}
