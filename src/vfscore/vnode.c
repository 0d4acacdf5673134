/* SPDX-License-Identifier: BSD-3-Clause */
/* vfscore: vnode reference counting. */
#include <uk/assert.h>
#include <uk/vfs.h>

void uk_vnode_ref(struct uk_vnode *vn)
{
	vn->refs++;
}

void uk_vnode_unref(struct uk_vnode *vn)
{
	UK_ASSERT(vn->refs > 0);
	if (--vn->refs == 0 && vn->ops->release)
		vn->ops->release(vn);
}
