# In a file ending .tfquery.hcl (Terraform 1.14 and later): the account's own serverless templates.
list "runpod_template" "serverless" {
  provider         = runpod
  include_resource = true

  config {
    is_serverless = true
  }
}
