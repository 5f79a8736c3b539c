# A serverless endpoint is imported by its id.
terraform import yotta_serverless_endpoint.llm 378888638324150969
