# In a file ending .tfquery.hcl (Terraform 1.14 and later): `terraform query` lists the pods,
# and `terraform query -generate-config-out=generated.tf` writes a resource and an import block
# for each, which the next `terraform plan` imports with no other change.
list "runpod_pod" "running_4090s" {
  provider         = runpod
  include_resource = true

  config {
    desired_status = "RUNNING"
    gpu_type_id    = "NVIDIA GeForce RTX 4090"
  }
}
