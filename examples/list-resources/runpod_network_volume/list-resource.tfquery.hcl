# In a file ending .tfquery.hcl (Terraform 1.14 and later).
list "runpod_network_volume" "eu" {
  provider         = runpod
  include_resource = true

  config {
    data_center_id = "EU-RO-1"
  }
}
