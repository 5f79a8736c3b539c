# In a file ending .tfquery.hcl (Terraform 1.14 and later). Yotta never returns the password:
# set it in the generated configuration before the first apply.
list "yotta_container_registry_auth" "all" {
  provider = yotta
}
