# In a file ending .tfquery.hcl (Terraform 1.14 and later). RunPod never returns the username
# or password: set them in the generated configuration (the next apply records them, no replace).
list "runpod_container_registry_auth" "all" {
  provider = runpod
}
