# In a file ending .tfquery.hcl (Terraform 1.14 and later). On REST v2 each endpoint gets the
# template_id of the account's one template whose settings match it, as an import does.
list "runpod_endpoint" "all" {
  provider         = runpod
  include_resource = true
}
