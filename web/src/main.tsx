import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { installAuth } from '@/features/auth';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks the #root element');

installAuth();

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
