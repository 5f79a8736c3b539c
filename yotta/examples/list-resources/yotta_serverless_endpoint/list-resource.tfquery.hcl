# In a file ending .tfquery.hcl (Terraform 1.14 and later): `terraform query
# -generate-config-out=generated.tf` writes a resource and an import block for each endpoint.
list "yotta_serverless_endpoint" "running" {
  provider         = yotta
  include_resource = true

  config {
    status = "RUNNING"
  }
}
