/*
 * The list of revisions and the lookup by name.
 */
#include <string.h>

#include "port/driver.h"

const struct dbgref_revision *const dbgref_ports[] = {
	&dbgref_port_v2,
	&dbgref_port_v2_review,
	&dbgref_port_final,
};

const size_t dbgref_port_count = sizeof(dbgref_ports) / sizeof(dbgref_ports[0]);

const struct dbgref_revision *dbgref_port_find(const char *name)
{
	size_t i;

	for (i = 0; i < dbgref_port_count; i++)
		if (!strcmp(dbgref_ports[i]->name, name))
			return dbgref_ports[i];
	return NULL;
}
