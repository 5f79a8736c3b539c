package networkvolume

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
)

// volumeAttributes describe one network volume in both data sources; in runpod_network_volume
// the id is the input that selects it.
func volumeAttributes(idInput bool) map[string]schema.Attribute {
	attrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			MarkdownDescription: "RunPod's id of the network volume: what `network_volume_id` of pods and endpoints takes.",
			Computed:            true,
		},
		"name":           schema.StringAttribute{MarkdownDescription: "Name of the volume (not necessarily unique).", Computed: true},
		"size":           schema.Int64Attribute{MarkdownDescription: "Size in GB.", Computed: true},
		"data_center_id": schema.StringAttribute{MarkdownDescription: "Data center that holds the volume, such as `EU-RO-1`.", Computed: true},
		"type": schema.StringAttribute{
			MarkdownDescription: "Storage tier: `STANDARD` or `HIGH_PERFORMANCE` (REST v2 only; null with REST v1, which does not report it).",
			Computed:            true,
		},
	}
	if idInput {
		attrs["id"] = schema.StringAttribute{
			MarkdownDescription: "RunPod's id of the network volume to read, such as `agv6w2qcg7`.",
			Required:            true,
		}
	}
	return attrs
}
