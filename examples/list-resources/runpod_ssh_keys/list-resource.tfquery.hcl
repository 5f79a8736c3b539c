# In a file ending .tfquery.hcl (Terraform 1.14 and later, REST v2): the account's one set of
# SSH keys (id "account"), when it has any.
list "runpod_ssh_keys" "account" {
  provider         = runpod
  include_resource = true
}
