# Terraform 1.12 and later: import by the resource identity (what `terraform query` results
# carry) instead of the id string. OpenTofu and older Terraform import by id (import.sh).
import {
  to = runpod_ssh_keys.account
  identity = {
    id = "account"
  }
}
