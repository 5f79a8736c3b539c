# In a file ending .tfquery.hcl (Terraform 1.14 and later, REST v2): the account's TRAINING
# clusters. The query reads each cluster's members once (their container settings).
list "runpod_cluster" "training" {
  provider         = runpod
  include_resource = true

  config {
    type = "TRAINING"
  }
}
