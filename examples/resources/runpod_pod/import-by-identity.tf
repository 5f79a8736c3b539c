# Terraform 1.12 and later: import by the resource identity (what `terraform query` results
# carry) instead of the id string. OpenTofu and older Terraform import by id (above).
import {
  to = runpod_pod.batch
  identity = {
    id = "5plpu3iq8kyc0e"
  }
}
