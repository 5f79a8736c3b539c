# Terraform 1.12 and later: import by the resource identity (what `terraform query` results
# carry) instead of the id string. OpenTofu and older Terraform import by id (import.sh).
import {
  to = yotta_serverless_endpoint.llm
  identity = {
    id = "420522713875330311"
  }
}
