import { useNavigate } from 'react-router';
import type { ReadVersion } from '@/lib/api/versioned';
import type { Project } from '../api/get-project';
import { useDeleteProject } from '../api/project-requests';
import { DeleteItem } from '@/components/ui/delete-item';

/** Deletes `project` (its page, with the `ETag` read; or "My projects", with the version listed), then opens "My projects". */
export function DeleteProject({ project, read, inList }: { project: Project; read: ReadVersion; inList?: boolean }) {
  const navigate = useNavigate();
  const deletion = useDeleteProject(project.id);
  return (
    <DeleteItem
      kind="project"
      title={project.title}
      deletion={deletion}
      read={read}
      inList={inList}
      onDeleted={() => void navigate('/me/projects', { replace: true, state: { notice: 'projectDeleted' } })}
    />
  );
}
